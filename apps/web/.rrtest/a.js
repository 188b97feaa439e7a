import {
  createBrowserRouter,
  Link,
  Outlet,
  useLocation,
  useNavigate,
  useNavigationType,
  useParams,
} from 'react-router';
import { RouterProvider } from 'react-router/dom';
window.x = [createBrowserRouter, RouterProvider, Link, Outlet, useLocation, useNavigate, useNavigationType, useParams];
